"""Businesses (cabinets), campaigns (stores), Api-Key tokens and OAuth users."""
