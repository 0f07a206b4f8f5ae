"""The thread and other reads about letters, in a constant number of queries (deadlines: test_deadlines.py)."""



from letters import selectors
from tests import factories


def test_thread_costs_one_query_whatever_its_length(pair, coordinator, django_assert_num_queries):
    for _ in range(3):
        factories.make_letter(pair, status="delivered", coordinator=coordinator)
    mentor, mentee = pair.mentor.user, pair.mentee.user
    with django_assert_num_queries(1):
        short = [(letter.author.pseudonym, getattr(letter.assignment, "pk", None)) for letter in
                 selectors.list_thread(mentor, pair)]
    for _ in range(10):
        factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator)
    with django_assert_num_queries(1):
        long = [(letter.author.pseudonym, getattr(letter.assignment, "pk", None)) for letter in
                selectors.list_thread(mentee, pair)]
    assert (len(short), len(long)) == (3, 13)


def test_own_letters_for_gives_the_latest_letter_about_each_assignment_in_one_query(
        program, coordinator, pair, django_assert_num_queries):
    from datetime import timedelta

    from django.utils import timezone

    from letters import services as letter_services
    from readings import services as reading_services

    reading = reading_services.create_reading(coordinator, program=program, title="Tide", body="The sea.")
    now = timezone.now()
    first, second = (
        reading_services.schedule_assignment(coordinator, program=program, reading=reading,
                                             opens_at=now - timedelta(days=2), due_at=now + timedelta(days=days))
        for days in (3, 6)
    )
    mentee = pair.mentee.user
    returned = letter_services.submit_letter(mentee, letter=letter_services.save_draft(
        mentee, pair=pair, assignment=first, body=factories.LETTER_TEXT))
    returned = letter_services.request_changes(coordinator, letter=returned, note="Please say more.")
    newer = letter_services.save_draft(mentee, pair=pair, assignment=first, body="A second go.")
    letter_services.save_draft(pair.mentor.user, pair=pair, assignment=second, body="Not the mentee's.")
    with django_assert_num_queries(1):
        mine = selectors.list_own_letters_for(mentee, {first.pk, second.pk})
        seen = {assignment: (letter.pk, letter.status) for assignment, letter in mine.items()}
    assert seen == {first.pk: (newer.pk, "draft")}
    assert mine[first.pk].body_text == "A second go."  # any other field loads when asked for
    assert selectors.list_own_letters_for(mentee, set()) == {}
