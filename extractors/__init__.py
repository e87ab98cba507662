"""Extractors: turn one document (HTML, PDF, script, DOCX, e-mail, IVR) into contact facts."""
