"""The demo's goals and stamps: what a newcomer sees on the goals, passport and letter editor pages."""

from goals import services
from goals.rewards import award_stamps
from programs.models import Membership


def seed_demo_goals(program) -> None:
    """Give the demo mentee two goals (one shared with their mentor, a step done) and award the stamps earned.

    Runs through the services, as a mentee would, then the award job once, so the demo's
    letters (already written by load_demo) earn their stamps. Precondition: the demo's
    letters exist; `program` is the freshly loaded demo.
    """
    mentee = Membership.objects.get(program=program, user__username="demo-mentee")
    shared = services.create_goal(
        mentee.user, membership=mentee, text="Read a whole book in English", shared_with_mentor=True,
        steps=["Choose a book at the library", "Read one chapter every evening", "Tell my mentor how it ends"],
    )
    services.update_step(mentee.user, step=shared.steps.order_by("pk").first(), done=True)
    services.create_goal(mentee.user, membership=mentee, text="Ask one question in class each week",
                         steps=["Write the question down the evening before"])
    services.set_passport_sharing(mentee.user, membership=mentee, shown_to_partner=True)
    award_stamps()
