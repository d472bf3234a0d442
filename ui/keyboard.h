#pragma once

#include <QObject>

class QAction;
class QKeyEvent;
class QWidget;

namespace ea {

// Lets the window's shortcuts through a text field that would swallow them.
// A focused QLineEdit accepts every key its platform binds to an edit (under
// X11's key scheme Ctrl+E is "end of line", Ctrl+K "delete to end"), and a
// key it accepts never reaches a window action: Ctrl+E (export) did nothing
// while the filter had focus. Watched fields keep only the keys that edit
// text in every scheme (typing and moving without Ctrl or Alt, undo, redo,
// cut, copy, paste, select all, deleting); any other key the window has an
// enabled action for goes to that action. It watches every text field of the
// window, including those added later (one filter on the application that
// looks at ShortcutOverride events only).
class WindowShortcutsFirst final : public QObject
{
public:
    // `window`: whose text fields it watches and whose actions win.
    explicit WindowShortcutsFirst(QWidget *window);

    // Whether a focused text field keeps this key whatever the window binds.
    [[nodiscard]] static bool editsText(const QKeyEvent &event);
    // Whether an enabled action of the window has this key as a shortcut.
    [[nodiscard]] bool windowHas(const QKeyEvent &event) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_window;
};

// Whether `widget` takes typed text (where Ctrl+Z undoes typing, not a mark).
[[nodiscard]] bool isTextField(const QWidget *widget);

} // namespace ea
