"""Persistence for the kiosk: SQLAlchemy 2 models, engine and Alembic migrations. No Qt here."""
