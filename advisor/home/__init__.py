"""The home page: the tracks, the moves between them, and the way back into a
questionnaire this browser started. It sits on top of the other apps."""
