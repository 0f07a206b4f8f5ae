from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Timeline")

    def ready(self):
        # load_demo lives in letters, below this app: it seeds our part through programs.demo_extras.
        from timeline.demo import seed_demo_timeline
        from programs import demo_extras

        demo_extras.register(seed_demo_timeline)
