"""What a module's attached file may be: a PDF, a PNG or JPEG picture, or a Word or
PowerPoint document, of at most MAX_ATTACHMENT_BYTES. The type is read from the file's first
bytes and its name together (a renamed file of another kind is refused), and the file is
always served as a download, never shown inline."""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# Extension → (the first bytes it starts with, content type).
KINDS = {
    "pdf": (b"%PDF-", "application/pdf"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
    "jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    "docx": (
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pptx": (
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
# The part an Office document of each kind holds (a zip of anything else is refused).
OFFICE_PARTS = {"docx": "word/document.xml", "pptx": "ppt/presentation.xml"}


def _refused() -> ValidationError:
    return ValidationError(
        {"file": _("Upload a PDF, PNG, JPEG, Word (.docx) or PowerPoint (.pptx) file.")}
    )


def checked_upload(upload: UploadedFile) -> str:
    """The content type of an acceptable file, or a ValidationError naming the field."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {"file": _("The file must be smaller than %(size)d MB.") % {"size": 10}}
        )
    name = (upload.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in KINDS:
        raise _refused()
    magic, content_type = KINDS[extension]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise _refused()
    if extension in OFFICE_PARTS:
        try:
            with zipfile.ZipFile(upload) as archive:
                if OFFICE_PARTS[extension] not in archive.namelist():
                    raise _refused()
        except zipfile.BadZipFile:
            raise _refused() from None
        finally:
            upload.seek(0)
    return content_type
