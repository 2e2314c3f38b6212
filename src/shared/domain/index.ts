export * from './engine';
export * from './image-reference';
export * from './images';
