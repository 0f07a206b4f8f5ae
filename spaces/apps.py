from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "spaces"
    verbose_name = "Peer spaces"

    def ready(self):
        # load_demo lives in letters, below this app: it reaches our demo threads through its registry.
        from programs import demo_extras
        from spaces.demo import seed_demo

        demo_extras.register(seed_demo)
        # The reminder sweep lives in letters, below this app: urgent posts escalate to the
        # operators through the same rule as letters once the sweep can ask about them.
        from letters.reminders import escalation
        from spaces.selectors import POST_ESCALATION

        escalation.register(POST_ESCALATION)
