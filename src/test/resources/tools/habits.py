import os
import pickle


def log_habit(habit, done=True, note=None):
    """Marks a habit as done (or skipped) for today.

    :param str habit: The name of the habit, e.g. "reading".
    :param done: Whether the habit was done today.
    :type done: bool
    :param note: Anything to remember about today.
    :type note: str or None
    :returns: How many days in a row the habit has been done.
    :rtype: int
    :raises ValueError: If the habit name is empty.
    """
    if not habit:
        raise ValueError("The habit needs a name.")
    path = os.path.join(os.path.expanduser("~/data"), "habits.pkl")
    log = {}
    if os.path.exists(path):
        with open(path, "rb") as f:
            log = pickle.load(f)
    log.setdefault(habit, []).append({"done": done, "note": note})
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        pickle.dump(log, f)
    streak = 0
    for day in reversed(log[habit]):
        if not day["done"]:
            break
        streak += 1
    return streak
