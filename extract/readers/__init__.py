"""PDF readers: PDF file -> pages of positioned characters and ruling edges (pdfium, pdfplumber, OCR)."""
