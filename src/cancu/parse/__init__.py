"""Parsers of the small things found in decision texts: numbers, dates, money, tables."""
