"""The editor's review in the window: picking sentences, the undoable review edits, the note
editor and the review panel. The state itself is the session's ``ReviewState``."""
