"""The council's own work: councils of member organisations, the agreements they keep (with
their extensions, signed documents and expiry reminders) and the programmes that implement
them."""

from council.cooperation.models.agreements import (
    Agreement,
    AgreementDocument,
    AgreementExtension,
    AgreementReminder,
    AgreementStatus,
    Programme,
    Signatory,
    _private_storage,
    document_path,
)
from council.cooperation.models.councils import (
    Council,
    CouncilMember,
    CouncilRole,
    CouncilRoleKind,
)
from council.cooperation.models.plan import (
    OPEN_COMMITMENT,
    Commitment,
    CommitmentKind,
    CommitmentNote,
    CommitmentReminder,
    CommitmentStatus,
    Decision,
    Meeting,
)

__all__ = [
    "OPEN_COMMITMENT",
    "Agreement",
    "AgreementDocument",
    "AgreementExtension",
    "AgreementReminder",
    "AgreementStatus",
    "Commitment",
    "CommitmentKind",
    "CommitmentNote",
    "CommitmentReminder",
    "CommitmentStatus",
    "Council",
    "CouncilMember",
    "CouncilRole",
    "CouncilRoleKind",
    "Decision",
    "Meeting",
    "Programme",
    "Signatory",
    "_private_storage",
    "document_path",
]
