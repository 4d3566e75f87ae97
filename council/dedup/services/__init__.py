"""Writes of the duplicates app: merging accounts (merge, moves), the candidate search
(candidates, keys), the queue's decisions and merging organisations."""
