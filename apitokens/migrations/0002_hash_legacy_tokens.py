"""Carry Django REST framework's plain-text tokens over as hashes, then drop their table.

Installations that ran Brevven before tokens were hashed have an `authtoken_token` table
(the app is no longer installed, so it is read with SQL). Each key is hashed exactly as a
new key is, so integrations keep working with the key they already hold; the table with
the keys in clear is then dropped. Keys cannot be shown again, as before. A new
installation has no such table and nothing happens. Not reversible: the keys are gone.
"""

from django.db import migrations

# The very hashing that authentication uses: a migrated key must match when it is next sent.
from apitokens.models import PREFIX_LENGTH, hash_key

LEGACY_TABLE = "authtoken_token"


def copy_legacy_tokens(apps, schema_editor):
    """Store a hash and prefix for every legacy key, then drop the legacy table."""
    connection = schema_editor.connection
    if LEGACY_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("apitokens", "ApiToken")
    table = schema_editor.quote_name(LEGACY_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {schema_editor.quote_name('key')}, user_id, created FROM {table}")
        rows = cursor.fetchall()
    ApiToken.objects.bulk_create([
        ApiToken(user_id=user_id, key_hash=hash_key(key), prefix=key[:PREFIX_LENGTH], created_at=created)
        for key, user_id, created in rows
    ])
    schema_editor.execute(f"DROP TABLE {table}")


class Migration(migrations.Migration):

    dependencies = [("apitokens", "0001_initial")]

    operations = [migrations.RunPython(copy_legacy_tokens, migrations.RunPython.noop, elidable=True)]
