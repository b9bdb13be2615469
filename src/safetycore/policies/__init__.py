"""Example eligibility policies shipped as data (read with ``Policy.from_dict``)."""
