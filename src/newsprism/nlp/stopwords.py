"""English function words (and reporting verbs) that carry no claim content: ignored when two texts are compared
word by word and when a search is made from a sentence."""

STOP = frozenset("""a an the of to in on at for by with from and or but is are was were be been being has have had
it its this that these those as into about over after before than then so such he she they them his her their we
our you your i me my not no yes do does did will would can could may might shall should must also just very
more most some any all each other which who whom whose what when where why how there here up down out off
said says say new""".split())  # noqa: SIM905
