"""Publishing and review: states, the ``published()`` rule, ``Publishable``, declared moves, the one ``transition()``
service, history and the admin's workflow buttons and actions. Used by news, policies, pages, contributions and
inquiries."""
