#pragma once

// Test helper shared by the CSV-writing tests: a strict RFC 4180 reader, so
// tests check the files the tool writes by parsing them, not by splitting.

#include <QByteArray>
#include <QByteArrayList>
#include <QList>

// A strict RFC 4180 reader: every record ends with CRLF, quotes only around a
// whole field. Returns false (with a reason) on anything else.
inline bool parseCsv(const QByteArray &text, QList<QByteArrayList> &records, QByteArray &error)
{
    records.clear();
    QByteArrayList record;
    QByteArray field;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        if (text.at(i) == '"') {
            ++i;
            for (;;) {
                if (i == n) {
                    error = "unterminated quoted field";
                    return false;
                }
                if (text.at(i) == '"') {
                    if (i + 1 < n && text.at(i + 1) == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text.at(i++);
            }
        } else {
            while (i < n && text.at(i) != ',' && text.at(i) != '\r' && text.at(i) != '\n') {
                if (text.at(i) == '"') {
                    error = "quote inside unquoted field at " + QByteArray::number(i);
                    return false;
                }
                field += text.at(i++);
            }
        }
        if (i < n && text.at(i) == ',') {
            record.append(field);
            field.clear();
            ++i;
            continue;
        }
        if (i + 1 < n && text.at(i) == '\r' && text.at(i + 1) == '\n') {
            record.append(field);
            field.clear();
            records.append(record);
            record.clear();
            i += 2;
            continue;
        }
        error = "expected ',' or CRLF at " + QByteArray::number(i);
        return false;
    }
    if (!record.isEmpty() || !field.isEmpty()) {
        error = "last record without CRLF";
        return false;
    }
    return true;
}
