"""The Bone Metastases Guide Alexa skill: content, handlers and speech."""
