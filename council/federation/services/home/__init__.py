"""The home node's side of a person acting on another node's catalogue (docs/federation.md):
applications sent and answered, statuses and verified hours received, erasures sent."""
