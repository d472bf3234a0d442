#!/usr/bin/env python3
"""Checks that every project include follows the layering of ARCHITECTURE.md.

The layers of model/ and what each may include are read from the
ea_add_layer(<layer> ... LAYERS a b ...) calls of model/CMakeLists.txt, the
same table that builds the include roots, so the two cannot drift. Besides
upward includes (which the include roots already stop at compile time), this
catches what include paths cannot: a ".." that climbs out of a folder, model/
reaching ui/, cli/ or app/, and the two front ends reaching each other.

Usage: check_layers.py [REPO]        exit 1 and one line per violation
       check_layers.py --self-test   checks the checker on temporary trees
"""

import os
import re
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
LAYER_CALL = re.compile(r'ea_add_layer\(\s*(\w+)(.*?)\)', re.S)
FRONT_ENDS = {
    # folder: folders of the project (besides model/) it must not include
    'ui': {'cli', 'app'},
    'cli': {'ui', 'app'},
    'app': set(),
}


def read_layers(repo):
    """{layer: set of layers it may include, itself included}."""
    text = open(os.path.join(repo, 'model', 'CMakeLists.txt'), encoding='utf-8').read()
    # Drop comments so a commented-out call cannot count.
    text = re.sub(r'#[^\n]*', '', text)
    layers = {}
    for name, body in LAYER_CALL.findall(text):
        if name == 'layer':  # the function's own definition
            continue
        allowed = {name}
        match = re.search(r'\bLAYERS\b(.*?)(?:\b(?:SOURCES|PUBLIC_LIBS|PRIVATE_LIBS)\b|$)',
                          body, re.S)
        if match:
            allowed.update(match.group(1).split())
        layers[name] = allowed
    return layers


def source_files(folder):
    for root, _dirs, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(('.h', '.cpp')):
                yield os.path.join(root, name)


def check(repo):
    layers = read_layers(repo)
    problems = []
    if not layers:
        return ['model/CMakeLists.txt: no ea_add_layer() calls found']
    model = os.path.join(repo, 'model')
    for layer in sorted(layers):
        for path in source_files(os.path.join(model, layer)):
            for line, target in includes(path):
                where = '%s:%d: "%s"' % (os.path.relpath(path, repo), line, target)
                if '..' in target.split('/'):
                    problems.append(where + ' climbs out with ".."')
                    continue
                head = target.split('/')[0] if '/' in target else None
                if head in FRONT_ENDS:
                    problems.append(where + ' reaches %s/ from model/' % head)
                elif head in layers and head not in layers[layer]:
                    problems.append(where + ' includes layer %s, which %s may not use (allowed: %s)'
                                    % (head, layer, ', '.join(sorted(layers[layer]))))
                elif head is None and not os.path.exists(os.path.join(os.path.dirname(path), target)):
                    problems.append(where + ' names no layer ("<layer>/<file>.h")')
    for folder, forbidden in FRONT_ENDS.items():
        for path in source_files(os.path.join(repo, folder)):
            for line, target in includes(path):
                where = '%s:%d: "%s"' % (os.path.relpath(path, repo), line, target)
                if '..' in target.split('/'):
                    problems.append(where + ' climbs out with ".."')
                elif target.split('/')[0] in forbidden:
                    problems.append(where + ' reaches %s/ from %s/' % (target.split('/')[0], folder))
    return problems


def includes(path):
    text = open(path, encoding='utf-8', errors='replace').read()
    for match in INCLUDE.finditer(text):
        yield text.count('\n', 0, match.start()) + 1, match.group(1)


def self_test():
    cmake = ('ea_add_layer(core\n    SOURCES core/a.h\n)\n'
             'ea_add_layer(storage\n    SOURCES storage/b.h\n    LAYERS core\n'
             '    PUBLIC_LIBS SQLite::SQLite3\n)\n')
    cases = [
        ('good', {'model/core/a.h': '', 'model/storage/b.h': '#include "core/a.h"\n',
                  'ui/w.cpp': '#include "storage/b.h"\n', 'cli/c.cpp': '#include "core/a.h"\n'},
         0),
        ('upward', {'model/core/a.h': '#include "storage/b.h"\n', 'model/storage/b.h': ''}, 1),
        ('dotdot', {'model/core/a.h': '', 'model/storage/b.h': '#include "../core/a.h"\n'}, 1),
        ('model to ui', {'model/core/a.h': '#include "ui/w.h"\n', 'model/storage/b.h': ''}, 1),
        ('ui to cli', {'model/core/a.h': '', 'model/storage/b.h': '',
                       'ui/w.cpp': '#include "cli/c.h"\n'}, 1),
        ('no layer', {'model/core/a.h': '', 'model/storage/b.h': '#include "a.h"\n'}, 1),
    ]
    failed = 0
    for name, files, expected in cases:
        with tempfile.TemporaryDirectory() as repo:
            os.makedirs(os.path.join(repo, 'model'))
            with open(os.path.join(repo, 'model', 'CMakeLists.txt'), 'w') as f:
                f.write(cmake)
            for rel, content in files.items():
                os.makedirs(os.path.dirname(os.path.join(repo, rel)), exist_ok=True)
                with open(os.path.join(repo, rel), 'w') as f:
                    f.write(content)
            found = len(check(repo))
            if found != expected:
                print('self-test %s: %d problems, expected %d' % (name, found, expected))
                failed += 1
    print('self-test: %d of %d cases as expected' % (len(cases) - failed, len(cases)))
    return 1 if failed else 0


def main():
    if sys.argv[1:] == ['--self-test']:
        return self_test()
    repo = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    problems = check(os.path.abspath(repo))
    for problem in problems:
        print(problem)
    layers = read_layers(os.path.abspath(repo))
    print('%d layers, %d problems' % (len(layers), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
