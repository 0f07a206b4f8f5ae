from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "spaces"
    verbose_name = "Peer spaces"

    def ready(self):
        # load_demo lives in letters, below this app: it reaches our demo threads through its registry.
        from programs import demo_extras
        from spaces.demo import seed_demo

        demo_extras.register(seed_demo)
