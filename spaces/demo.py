"""The demo program's peer spaces: one thread in each, written through the services like anyone's.

Called by load_demo through programs.demo_extras (registered in SpacesConfig.ready).
"""

from programs.models import Membership, Program
from spaces import services
from spaces.models import Audience

MENTEE_THREAD = ("Stories with animals", "Which story had the best animal in it? I liked the cat on the lighthouse.")
MENTEE_REPLY = "The cat! It knew about the storm before anybody else."
MENTOR_THREAD = ("Keeping replies short", "My mentee writes two lines at a time. I now answer in a short "
                 "paragraph and end with one question. It seems to help. What works for you?")
MENTOR_REPLY = "Same here. I also mention one thing from their letter, so they know I read it closely."


def _members(program: Program, role: str) -> list:
    return [m.user for m in Membership.objects.active().filter(program=program, role=role).order_by("pk")[:2]]


def seed_demo(program: Program) -> None:
    """Open one thread with a reply in each space of the demo `program`; the mentees' posts are approved."""
    coordinator = Membership.objects.filter(program=program, role=Membership.Role.COORDINATOR).order_by("pk").first()
    mentees, mentors = _members(program, Membership.Role.MENTEE), _members(program, Membership.Role.MENTOR)
    if coordinator is None or len(mentees) < 2 or len(mentors) < 2:
        return
    space = services.space_for(program, Audience.MENTEES)
    thread = services.start_thread(mentees[0], space=space, title=MENTEE_THREAD[0], body=MENTEE_THREAD[1])
    services.approve_post(coordinator.user, post=thread.opening, findings_seen=True)
    reply = services.reply_to_thread(mentees[1], thread=thread, body=MENTEE_REPLY)
    services.approve_post(coordinator.user, post=reply, findings_seen=True)
    space = services.space_for(program, Audience.MENTORS)
    thread = services.start_thread(mentors[0], space=space, title=MENTOR_THREAD[0], body=MENTOR_THREAD[1])
    services.reply_to_thread(mentors[1], thread=thread, body=MENTOR_REPLY)
    services.set_thread_pinned(coordinator.user, thread=thread, pinned=True, reason="A good example for new mentors")
