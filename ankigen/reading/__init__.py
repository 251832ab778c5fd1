"""Reading a content file: its text and front matter, the candidates of its outline, the
question pattern chosen for the whole file, the questions cut at it, and the note records."""
