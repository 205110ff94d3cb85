//! The 新旧対照表 as rows of underlined segments, shared by the renderers.
