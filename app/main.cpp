// The executable only wires the libraries: headless commands go to app, the GUI to ui.
#include <QCoreApplication>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::puts("postoffice: under construction");
    return 0;
}
