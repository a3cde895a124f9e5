"""Alembic environment: the engine comes from verhalen.store.db (config.attributes['engine'])."""

from alembic import context

from verhalen.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # pragma: no cover - alembic CLI use
    from verhalen.config import load_settings
    from verhalen.store.db import connect

    engine = connect(load_settings().database_url)

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
