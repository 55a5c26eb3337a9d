"""One account per email address, whatever its case, enforced by the database (the form alone loses races).

Django's User belongs to the auth app, so its table gets the index here, in plain SQL that SQLite and
PostgreSQL both accept: a unique index on LOWER(email), leaving out the empty addresses that superusers and
admin-made users may have.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("users", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE UNIQUE INDEX users_user_email_unique_ci ON auth_user (LOWER(email)) WHERE email <> ''",
            reverse_sql="DROP INDEX users_user_email_unique_ci",
        ),
    ]
