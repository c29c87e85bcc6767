# Spanish as the programme's countries write it: 34.500,5 (Django's default groups with a
# no-break space, which few people in Latin America type or read).
from django.conf.locale.es.formats import *  # noqa: F403

THOUSAND_SEPARATOR = "."
