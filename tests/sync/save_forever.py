"""Saves values into a local store as fast as it can, printing each committed save, until
it is killed: `python -m tests.sync.save_forever STORE FORM_ID`."""

import sys

from client.store.repository import LocalStore

if __name__ == "__main__":
    store = LocalStore(sys.argv[1])
    form_id = sys.argv[2]
    number = 0
    while True:
        number += 1
        part = "female" if number % 2 else "male"
        store.save_values(form_id, {"anc1": number, f"staff_nurses.{part}": number % 50})
        print(number, flush=True)
