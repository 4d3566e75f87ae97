"""Pages of hours, one module per concern; each module lists its own urlpatterns:
`entries` (the volunteer's hours and the organiser's verification queue), `record_book`
(the record book and the platform's public signing keys), `desk` (tickets and the check-in
desk) and `certificates` (the volunteer's, the organiser's and the public verification),
`references` (references both ways) and `letters` (letters of recommendation)."""
