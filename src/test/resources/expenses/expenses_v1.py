import pickle
import os
from datetime import datetime


class InvalidDateError(Exception):
    """Raised when an invalid date format is provided."""
    pass


def record_expense(date, category, amount, description=""):
    """Records an expense.

    Args:
        date (str): The date of the expense in YYYY-MM-DD format.
        category (str): The category of the expense (e.g., "Food", "Travel").
        amount (float): The amount of the expense.
        description (str, optional): A description of the expense. Defaults to "".

    Returns:
        bool: True if the expense was recorded successfully.

    Raises:
        InvalidDateError: If the date is not in the correct format.
    """
    try:
        datetime.strptime(date, "%Y-%m-%d")
    except ValueError:
        raise InvalidDateError("Invalid date format. Please use YYYY-MM-DD.")

    data_dir = os.path.expanduser("~/data")
    if not os.path.exists(data_dir):
        os.makedirs(data_dir)

    filepath = os.path.join(data_dir, "expenses.pkl")
    expenses = []

    try:
        with open(filepath, "rb") as f:
            expenses = pickle.load(f)
    except FileNotFoundError:
        pass

    expenses.append({
        "date": date,
        "category": category,
        "amount": amount,
        "description": description,
    })

    with open(filepath, "wb") as f:
        pickle.dump(expenses, f)

    return True


def list_expenses():
    """Lists every expense recorded so far.

    Returns:
        list: A list of expense dictionaries, oldest first.
    """
    filepath = os.path.join(os.path.expanduser("~/data"), "expenses.pkl")
    try:
        with open(filepath, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        return []
