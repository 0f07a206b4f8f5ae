from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "oversight"

    def ready(self):
        # programs and letters sit below this app and cannot import it: their services
        # announce pair changes through programs.pair_changes, and pair health listens.
        from oversight import health
        from programs import pair_changes

        pair_changes.listen(health.mark_pairs_changed)
