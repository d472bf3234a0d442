#include "keyboard.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>
#include <QWidget>

namespace ea {

WindowShortcutsFirst::WindowShortcutsFirst(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    QCoreApplication::instance()->installEventFilter(this);
}

bool WindowShortcutsFirst::editsText(const QKeyEvent &event)
{
    const Qt::KeyboardModifiers chords = Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier;
    if (!(event.modifiers() & chords))
        return true; // typing, moving, selecting with Shift
    for (const QKeySequence::StandardKey key :
         {QKeySequence::Undo, QKeySequence::Redo, QKeySequence::Cut, QKeySequence::Copy,
          QKeySequence::Paste, QKeySequence::SelectAll, QKeySequence::Delete,
          QKeySequence::Backspace, QKeySequence::DeleteStartOfWord, QKeySequence::DeleteEndOfWord,
          QKeySequence::MoveToNextWord, QKeySequence::MoveToPreviousWord,
          QKeySequence::SelectNextWord, QKeySequence::SelectPreviousWord}) {
        if (event.matches(key))
            return true;
    }
    return false;
}

bool WindowShortcutsFirst::windowHas(const QKeyEvent &event) const
{
    const QKeySequence pressed(event.keyCombination());
    for (const QAction *action : m_window->findChildren<QAction *>()) {
        if (action->isEnabled() && action->shortcutContext() != Qt::WidgetShortcut
            && action->shortcuts().contains(pressed))
            return true;
    }
    return false;
}

bool WindowShortcutsFirst::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && watched->isWidgetType()) {
        const auto *field = static_cast<const QWidget *>(watched);
        const auto &key = static_cast<const QKeyEvent &>(*event);
        if (field->window() == m_window && isTextField(field) && !editsText(key)
            && windowHas(key)) {
            // Not accepted, and not shown to the field (which would accept
            // it): the shortcut map hands the key to the action.
            event->ignore();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

bool isTextField(const QWidget *widget)
{
    if (!widget)
        return false;
    if (const auto *line = qobject_cast<const QLineEdit *>(widget))
        return !line->isReadOnly();
    if (const auto *text = qobject_cast<const QTextEdit *>(widget))
        return !text->isReadOnly();
    if (const auto *plain = qobject_cast<const QPlainTextEdit *>(widget))
        return !plain->isReadOnly();
    return qobject_cast<const QAbstractSpinBox *>(widget) != nullptr;
}

} // namespace ea
