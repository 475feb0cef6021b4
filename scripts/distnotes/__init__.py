"""分布式技术笔记: the syllabus, the tidy pipeline and the MkDocs hooks of the site."""
