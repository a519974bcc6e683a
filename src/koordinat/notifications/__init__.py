"""Notifications: what changed for a person, in the page header, on a page of their own, by e-mail
(at once or in a daily digest), and their calendar feed."""
