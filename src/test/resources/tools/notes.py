"""A small note keeper that stores notes in ~/data/notes.pkl."""
import os
import pickle
from datetime import datetime
from typing import Literal, Optional

NOTES_FILE = "notes.pkl"


class NoteNotFoundError(Exception):
    """Raised when no note has the requested id."""


def _load() -> list:
    path = os.path.join(os.path.expanduser("~/data"), NOTES_FILE)
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        return pickle.load(f)


def _save(notes: list) -> None:
    data_dir = os.path.expanduser("~/data")
    os.makedirs(data_dir, exist_ok=True)
    with open(os.path.join(data_dir, NOTES_FILE), "wb") as f:
        pickle.dump(notes, f)


def add_note(title: str, body: str, tags: list[str] | None = None,
             priority: Literal["low", "normal", "high"] = "normal") -> dict:
    """Adds a note to the notebook.

    The note gets an id and the time it was written.

    Args:
        title: A short title for the note.
        body: The text of the note.
            It may span several lines.
        tags: Words to find the note by later.
        priority: How important the note is.

    Returns:
        dict: The stored note, with its id and creation time.
    """
    notes = _load()
    note = {"id": len(notes) + 1, "title": title, "body": body, "tags": tags or [],
            "priority": priority, "created": datetime.now().isoformat()}
    notes.append(note)
    _save(notes)
    return note


def search_notes(query: str, tag: Optional[str], limit: int = 10) -> list[dict]:
    """Finds notes whose title or body contains the query.

    Args:
        query: Text to look for, case-insensitive.
        tag: Only notes with this tag; None for all notes.
        limit: The most notes to return.

    Returns:
        list[dict]: Matching notes, newest first.
    """
    q = query.lower()
    found = [n for n in reversed(_load())
             if (q in n["title"].lower() or q in n["body"].lower()) and (tag is None or tag in n["tags"])]
    return found[:limit]


def delete_note(note_id: int) -> bool:
    """Deletes a note.

    Args:
        note_id (int): The id of the note to delete.

    Returns:
        bool: True once the note is deleted.

    Raises:
        NoteNotFoundError: If no note has this id.
    """
    notes = _load()
    kept = [n for n in notes if n["id"] != note_id]
    if len(kept) == len(notes):
        raise NoteNotFoundError(f"There is no note with id {note_id}.")
    _save(kept)
    return True
