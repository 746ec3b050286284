"""One module per chapter topic, named as the chapter: the frames each chapter argues from."""
