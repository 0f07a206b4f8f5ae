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
