#!/usr/bin/python3
"""Builds danh-sach-giao-vien.xlsx, the same list as danh-sach-giao-vien.utf8.csv, the way a
school's Excel sheet holds it: real date cells shown as dd/mm/yyyy, numbers in STT, phone
numbers as text, the headers schools write. Written with openpyxl (Debian python3-openpyxl),
which follows the Office Open XML format, so the file is not made by the code under test.

Run from this folder: /usr/bin/python3 make-danh-sach-xlsx.py
"""
import csv
import datetime

from openpyxl import Workbook

wb = Workbook()
ws = wb.active
ws.title = "Danh sách"
with open("danh-sach-giao-vien.utf8.csv", encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
ws.append(rows[0])
for r in rows[1:]:
    day, month, year = (int(x) for x in r[2].split("/"))
    cells = [int(r[0]), r[1], datetime.datetime(year, month, day)] + r[3:]
    ws.append(cells)
    ws.cell(row=ws.max_row, column=3).number_format = "dd/mm/yyyy"
    ws.cell(row=ws.max_row, column=6).number_format = "@"
for col, width in zip("ABCDEFGHIJKL", (5, 24, 12, 9, 34, 14, 24, 10, 10, 18, 20, 22)):
    ws.column_dimensions[col].width = width
wb.save("danh-sach-giao-vien.xlsx")
