"""Moving records between machines: device keys, signed and sealed batches, the one merge.

``keys`` (this device's Ed25519 signing key and X25519 box key), ``batch`` (build and open
the unit of transfer, over HTTP and on USB alike), ``merge`` (validate a payload whole, then
merge it by uuid + updated_at). No PySide6, no web framework here: the kiosk's CLI and GUI
and the hub all call these.
"""
