"""A peer in the benchmark: django-postman, an open-source Django messaging app with moderation.

`make bench` seeds postman with the same number of pairs and messages of the same size as
Brevven's letters, in a database of its own, and times the same three jobs in both projects,
interleaved round by round in the same run: a member's inbox (Brevven's home page), a
20-message conversation (Brevven's exchange thread) and writing a ~1,700-character message
(Brevven's submit, which screens the letter and keeps pair health current). What is compared
is CPU time per request, each project behind its own middleware, and each job is also divided
by that project's own one-query page, so the two ratios show what the job costs beyond
Django's fixed price. postman runs in a child process (it needs settings of its own);
`bench.peer.compare` drives both.
"""
