from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "oversight"

    def ready(self):
        # programs and letters sit below this app and cannot import it: their services
        # announce pair changes through programs.pair_changes; pair health and the stored letter counts listen.
        from oversight import health, letter_counts
        from oversight.services import add_default_topics
        from programs import pair_changes, program_changes

        pair_changes.listen(health.mark_pairs_changed)
        pair_changes.listen(letter_counts.mark_pairs_changed)  # and so do the statistics' stored counts
        # Every new program gets the default topics, wherever it is created.
        program_changes.listen(add_default_topics)
