"""Whether a kind of structure may register today, as the apps above `directory` decide.

`directory` imports nothing from `offers` (layers): `offers` adds, when it starts, the gate
that closes employers' registration outside the current edition's registration dates.
A gate takes a `StructureKind` and returns a French message when registration is closed.
"""

_gates = []


def add_registration_gate(gate):
    if gate not in _gates:
        _gates.append(gate)


def registration_closed_message(kind):
    for gate in _gates:
        message = gate(kind)
        if message:
            return message
    return None
