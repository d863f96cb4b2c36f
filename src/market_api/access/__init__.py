"""Who may call what, and how often.

A Partner API request goes: the operations table (`market_api.operations`) names the operation →
`access.operations` authenticates the caller (`principals`), checks its scopes, reads the parameters,
resolves the stores and business the call names (`resources`), checks the caller reaches them, charges
the limits (`limits`) — once, in that order — and hands a `Call` to the domain's handler.
"""
