#pragma once

#include <QMainWindow>
#include <QStringList>

class QLabel;

namespace ea {

// The workbench window. At this stage it only lists the export files it was
// given; the destinations view arrives with the case file.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void setExportFiles(const QStringList &files);

private:
    void showAbout();

    QLabel *m_placeholder = nullptr;
};

} // namespace ea
