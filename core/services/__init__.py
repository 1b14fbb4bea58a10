"""The use cases of RiskDesk, in one place: what the GUI, the command line and the reports call.

This is the application-service layer (the role of Anki's collection methods): a front end asks a
question or performs an action here, and the service composes the engines (core.concentration,
core.rating, core.whatif) and the store (core.store) into that one use case, with its transaction. Each
rule has one owner: "which evaluation governs a snapshot", "approve and re-evaluate", "how a stored
rating input is read back", "where a breach case may move" are decided here and nowhere else.

Modules:
- evaluations: the governing evaluation of a snapshot; whether an evaluation is a stress result.
- limits: a checker's approval of a limit proposal and the re-evaluation it entails, in one transaction.
- rating: decode a stored rating input, rate an input, compare it under another rulebook.
- cases: the breach-case state machine (which states a case may move to) and recording an event.

Layering (pyproject.toml, [tool.importlinter]): services may import engines and the store; engines and
the store never import services. Pure Python: returns data and codes, never sentences.
"""
