"""``ordergate mirror``: the reference integrator client (snapshot + feed = mirror)."""
