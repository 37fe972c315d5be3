Hi {{ name }},

We will respond per the SLA.
