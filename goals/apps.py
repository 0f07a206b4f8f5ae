from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "goals"

    def ready(self):
        # load_demo lives in letters, below this app: it seeds our part through programs.demo_extras.
        from goals.demo import seed_demo_goals
        from programs import demo_extras

        demo_extras.register(seed_demo_goals)
