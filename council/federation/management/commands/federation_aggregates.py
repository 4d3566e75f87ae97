from council.federation.aggregates import federation_aggregates
from council.lib.commands import job_command

Command = job_command(
    "Pull every live peer node's published aggregates and keep them for the council's "
    "side-by-side page; a peer that cannot be reached keeps its last figures. Run hourly.",
    federation_aggregates,
    "Peers' aggregates stored: {}.",
)
