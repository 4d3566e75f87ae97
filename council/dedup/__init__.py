"""Duplicate people and organisations: candidates scored by the matcher, the duplicates queue
of the national coordinators, and merging two accounts into one."""
